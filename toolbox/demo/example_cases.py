"""The ten delivered demo cases: made-up stories from a Swedish hospital,
written for this project. Each has the contact's material and HR's case."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCase:
    unit: str
    title: str
    setting: str
    story: str
    answers: dict[str, str]
    summary: str
    lessons: dict[str, str]
    principles: tuple[str, ...]
    followup: tuple[str, str] | None = None


CASES = (
    DemoCase(
        unit="AKUT-NORD",
        title="Flödesansvaret roterar – och får fatta besluten",
        setting="En akutmottagning med drygt 65 medarbetare",
        story=(
            "Vi hade långa väntetider och en chef som fick alla frågor om var patienterna "
            "skulle ta vägen. I dag har en sjuksköterska per pass rollen som flödesansvarig, "
            "och hon eller han fattar besluten om flödet utan att fråga mig. Rollen roterar, "
            "så alla vet hur det är att bära helheten."
        ),
        answers={
            "styrning-natverk": "Flödesansvarig ringer själv avdelningarna och bokar platser.",
            "kultur-ansvar-delegering": "Mandatet står på en sida och gås igenom vid introduktion.",
        },
        summary=(
            "På akutmottagningen har en sjuksköterska per arbetspass mandat att fatta beslut "
            "om patientflödet. Rollen roterar mellan alla som har gått introduktionen. Ett "
            "tiominuters tavelmöte vid varje passbyte ger en gemensam bild av läget."
        ),
        lessons={
            "ledarskap": "Chefen behöver tåla att beslut fattas annorlunda än hon själv hade "
            "gjort – och ge återkoppling i efterhand i stället för tillstånd i förväg.",
            "styrning": "Ett skriftligt mandat på en sida gjorde delegeringen tydlig för både "
            "medarbetare och mottagande avdelningar.",
            "kultur": "När alla har burit helheten minskar klagomålen på varandra mellan passen.",
        },
        principles=("handlingsutrymme", "tillit", "medborgarfokus"),
    ),
    DemoCase(
        unit="ANIVA-IVA",
        title="Ett lärande samtal efter varje svårt pass",
        setting="En intensivvårdsavdelning",
        story=(
            "Efter tunga pass går ingen hem utan att vi har pratat. Det tar tio minuter och "
            "leds av den som vill, inte av chefen. Vi började för att en kollega nästan slutade "
            "efter ett dödsfall som ingen pratade om."
        ),
        answers={
            "ledarskap-aterkoppling": "Kollegial återkoppling varje dag, och chefens i ett "
            "samtal en gång i månaden.",
            "kultur-forvantningar-tillit": "Vi förväntar oss att man säger till när något skaver.",
        },
        summary=(
            "Intensivvårdsavdelningen avslutar svåra arbetspass med ett kort, strukturerat "
            "samtal om vad som hände, vad som gick bra och vad man tar med sig. Samtalet leds "
            "av medarbetarna själva. Korttidsfrånvaron har minskat och fler säger att de kan "
            "ta upp misstag."
        ),
        lessons={
            "ledarskap": "Chefen skapade utrymmet och tiden men lämnade samtalen till gruppen.",
            "kultur": "Ett återkommande, kort format sänkte tröskeln mer än stora insatser.",
        },
        principles=("tillit", "kunskap", "oppenhet"),
        followup=(
            "Hur får ni tid till samtalen när det är fullt på avdelningen?",
            "Överlappet mellan passen förlängdes med tio minuter. Det kostar, men mindre än "
            "sjukfrånvaron gjorde.",
        ),
    ),
    DemoCase(
        unit="MED-AVD12",
        title="Från tjugotre mål till tre som alla kan",
        setting="En vårdavdelning inom kardiologi",
        story=(
            "Vi hade tjugotre indikatorer på väggen och ingen kunde säga vilka som var viktiga. "
            "Nu har vi tre: inga undvikbara vårdskador, utskrivning före lunch när det går, och "
            "att patienten vet sin plan. Alla på avdelningen kan dem utantill."
        ),
        answers={
            "styrning-mal-helhet": "Vi valde tre mål tillsammans på en planeringsdag och "
            "kopplade dem till patientens väg genom sjukhuset.",
            "styrning-uppfoljning": "En gång i månaden går vi igenom de tre målen på APT.",
        },
        summary=(
            "Avdelningen ersatte en lång lista med indikatorer med tre mål som medarbetarna "
            "valde tillsammans och förstår kopplingen mellan. Uppföljningen sker månadsvis på "
            "arbetsplatsträffen med fokus på vad man lär sig, inte på vem som brustit."
        ),
        lessons={
            "styrning": "Få mål som gruppen själv har valt ger mer riktning än många mål "
            "uppifrån. Övriga mått följs fortfarande, men av chefen.",
            "kultur": "Dialogen om varför målen finns blev viktigare än själva siffrorna.",
        },
        principles=("helhetssyn", "medborgarfokus"),
    ),
    DemoCase(
        unit="MED-DIAL",
        title="Patienterna är med och planerar dialystiderna",
        setting="En dialysenhet",
        story=(
            "Våra patienter kommer tre gånger i veckan i många år. De vet bäst vilka tider som "
            "fungerar med arbete och familj. Sedan två år planerar vi tiderna tillsammans med "
            "dem, och personalen byter pass sinsemellan utan att gå via mig."
        ),
        answers={
            "kultur-dialog-syfte": "Vi pratar ofta om att vi finns till för att patienterna "
            "ska kunna leva sina liv mellan behandlingarna.",
        },
        summary=(
            "Dialysenheten planerar behandlingstiderna tillsammans med patienterna, och "
            "medarbetarna har mandat att byta arbetspass sinsemellan för att få planeringen "
            "att gå ihop. Samarbetet med sjukresorna sköts av en utsedd medarbetare."
        ),
        lessons={
            "styrning": "Mandatet att byta pass utan chefens godkännande krävde tydliga ramar "
            "för kompetens per pass – men ramarna räckte.",
            "kultur": "Patientens perspektiv blev en gemensam utgångspunkt som löste många "
            "diskussioner om schemat.",
        },
        principles=("medborgarfokus", "handlingsutrymme"),
    ),
    DemoCase(
        unit="REH-AVD",
        title="Kollegialt lärande mellan fyra yrken",
        setting="En rehabiliteringsavdelning",
        story=(
            "Varje torsdag går vi igenom ett patientfall tillsammans: fysioterapeut, "
            "arbetsterapeut, undersköterska och sjuksköterska. Den som har fallet förbereder "
            "det på en sida. Andra avdelningar har kommit och tittat på hur vi gör."
        ),
        answers={
            "styrning-larande": "Fallgenomgången varje vecka, och en lär-av-varandra-lunch "
            "varannan månad där vi bjuder in andra enheter.",
            "ledarskap-aterkoppling": "Kollegorna ger återkoppling på varandras fall.",
        },
        summary=(
            "Avdelningen har en veckovis fallgenomgång där fyra yrkesgrupper lär av varandras "
            "bedömningar. Formatet är enkelt och förberedelsen ryms på en sida. Andra enheter "
            "bjuds in till en återkommande lunch för att dela erfarenheter."
        ),
        lessons={
            "styrning": "En fast tid i veckan gjorde lärandet till en del av arbetet i stället "
            "för något som sker när det finns tid över.",
            "ledarskap": "Chefen deltar men leder inte; ordförandeskapet roterar.",
        },
        principles=("kunskap", "helhetssyn"),
    ),
    DemoCase(
        unit="BOF-RTG",
        title="Schemat lägger vi tillsammans",
        setting="En röntgenenhet med dygnet runt-verksamhet",
        story=(
            "Tidigare lade jag schemat och fick hundra önskemål. Nu lägger gruppen det själv "
            "inom ramar som vi har kommit överens om: bemanning, kompetens och vila. Jag "
            "godkänner och kliver bara in när det inte går ihop."
        ),
        answers={
            "kultur-ansvar-delegering": "Medarbetarna tar ansvar för att alla pass blir "
            "bemannade, också de obekväma.",
            "ledarskap-sjalvkannedom": "Jag är bra på struktur men hade svårt att släppa "
            "kontrollen. Det fick jag höra i medarbetarenkäten.",
        },
        summary=(
            "Röntgenenheten gick över till att medarbetarna lägger schemat tillsammans inom "
            "överenskomna ramar för bemanning, kompetens och vila. Chefen ansvarar för "
            "ramarna och kliver in när schemat inte går ihop."
        ),
        lessons={
            "ledarskap": "Chefens självinsikt – att hon hade svårt att släppa kontrollen – "
            "var startpunkten, och den kom från återkoppling i medarbetarenkäten.",
            "styrning": "Tydliga ramar gjorde det möjligt att delegera utan att tappa "
            "patientsäkerheten.",
        },
        principles=("handlingsutrymme", "tillit", "stod"),
    ),
    DemoCase(
        unit="KIR-DAG",
        title="Vi slutade mäta det som ingen använde",
        setting="En dagkirurgisk enhet",
        story=(
            "Vi rapporterade sju olika mått varje månad. När vi frågade vem som läste dem var "
            "svaret ingen. Vi tog bort fem och ringer i stället patienten dagen efter "
            "operationen. Det samtalet lär vi oss mer av."
        ),
        answers={
            "styrning-uppfoljning": "Uppringningen dagen efter sammanfattas varje vecka på "
            "tavlan: vad patienterna berättar och vad vi ändrar.",
        },
        summary=(
            "Enheten granskade sin egen uppföljning, tog bort mått som ingen använde och "
            "ersatte dem med ett telefonsamtal till patienten dagen efter ingreppet. Det som "
            "patienterna berättar sammanfattas veckovis och leder till konkreta ändringar."
        ),
        lessons={
            "styrning": "Att fråga vem som använder ett mått är ett enkelt sätt att minska "
            "administration och frigöra tid för det som ger lärande.",
            "kultur": "Patientsamtalen gav medarbetarna en direkt bild av resultatet av "
            "deras arbete.",
        },
        principles=("tillit", "medborgarfokus", "kunskap"),
    ),
    DemoCase(
        unit="ORT-AVD24",
        title="Chefen som bad om återkoppling på sitt eget ledarskap",
        setting="En vårdavdelning inom ortopedi",
        story=(
            "Jag bad gruppen om återkoppling på mitt ledarskap med tre frågor på en APT: vad "
            "ska jag fortsätta med, sluta med och börja med. Svaren satte vi upp på väggen "
            "tillsammans med min plan. Det blev början på ett annat samtal mellan oss."
        ),
        answers={
            "ledarskap-sjalvkannedom": "Jag trodde att jag var tillgänglig. Gruppen tyckte att "
            "jag var svår att nå under veckorna med möten.",
            "kultur-forvantningar-tillit": "Vi pratar om förväntningar åt båda hållen nu.",
        },
        summary=(
            "Avdelningschefen bad öppet om återkoppling på sitt ledarskap och redovisade både "
            "svaren och sin plan för gruppen. Det gjorde det lättare för medarbetarna att "
            "också ge varandra återkoppling."
        ),
        lessons={
            "ledarskap": "Att visa sina egna utvecklingsområden sänkte tröskeln för hela gruppen.",
            "kultur": "Förväntningar åt båda hållen – chef och medarbetare – blev ett "
            "återkommande ämne på arbetsplatsträffarna.",
        },
        principles=("oppenhet", "tillit"),
        followup=(
            "Vad ändrade du konkret efter återkopplingen?",
            "Jag har två fasta tider i veckan på avdelningen som ingen får boka möten på.",
        ),
    ),
    DemoCase(
        unit="BARN-NEO",
        title="Föräldrarna är en del av teamet",
        setting="En neonatalavdelning",
        story=(
            "Föräldrarna är med på ronden och i planeringen av sitt barns vård. "
            "Medarbetarna bestämmer själva hur de lägger upp dagen runt familjen. "
            "Vi samarbetar nära med BB och barnavdelningen inför hemgång."
        ),
        answers={
            "styrning-natverk": "Ett gemensamt hemgångsteam med BB och barnavdelningen.",
            "kultur-dialog-syfte": "Familjens trygghet är syftet vi återkommer till.",
        },
        summary=(
            "Neonatalavdelningen arbetar familjecentrerat: föräldrarna deltar i ronden och i "
            "planeringen, och medarbetarna har utrymme att lägga upp dagen efter familjens "
            "behov. Ett gemensamt hemgångsteam med två andra enheter ger en sammanhållen vård."
        ),
        lessons={
            "styrning": "Samarbetet över enhetsgränserna fick en egen struktur – ett gemensamt "
            "team – i stället för att bero på enskilda eldsjälar.",
            "kultur": "Ett tydligt gemensamt syfte, familjens trygghet, gjorde prioriteringar "
            "lättare.",
        },
        principles=("medborgarfokus", "helhetssyn", "handlingsutrymme"),
    ),
    DemoCase(
        unit="PSY-AVD50",
        title="Avvikelser blev lärande i stället för skuld",
        setting="En psykiatrisk vårdavdelning",
        story=(
            "Avvikelser var något man skämdes över. Nu har vi ett lärandeforum en gång i "
            "månaden där vi går igenom dem utan att leta syndabockar. Fler rapporterar, och "
            "vi har ändrat rutiner som gjort vardagen säkrare."
        ),
        answers={
            "styrning-larande": "Lärandeforum varje månad med en kollega som samtalsledare.",
            "kultur-forvantningar-tillit": "HME-indexet för styrning har ökat två år i rad.",
        },
        summary=(
            "Avdelningen gjorde om avvikelsehanteringen till ett månatligt lärandeforum som "
            "leds av en medarbetare. Fokus ligger på vad som kan ändras, inte på vem som "
            "gjorde fel. Antalet rapporterade avvikelser ökade, och flera rutiner har ändrats."
        ),
        lessons={
            "ledarskap": "Chefen var tydlig med att fler avvikelser först är ett gott tecken.",
            "kultur": "Trygghet att berätta om misstag byggs av hur chefen reagerar de första "
            "gångerna.",
            "styrning": "Avvikelserna kopplades till förbättringar som gruppen själv beslutar om.",
        },
        principles=("oppenhet", "kunskap", "tillit"),
    ),
)
