"""No shown number lets anyone compute a suppressed unit's value."""

from toolbox.privacy.suppression import Figure, suppress_one, suppress_siblings

MIN = 5


def fig(mean: float, people: int) -> Figure:
    return Figure(mean * people, people, people)


def test_small_figures_are_suppressed_alone():
    assert suppress_one(fig(3.0, 4), MIN).value is None
    assert suppress_one(fig(3.0, 5), MIN).value == 3.0


def test_one_small_sibling_takes_the_next_smallest_with_it():
    children = {1: fig(2.0, 3), 2: fig(4.0, 6), 3: fig(3.0, 9), 4: fig(3.5, 20)}
    parent = sum(children.values(), Figure(0, 0, 0))
    shown_parent, shown = suppress_siblings(parent, children, MIN)
    assert shown[1].suppressed and shown[2].suppressed
    assert not shown[3].suppressed and not shown[4].suppressed
    assert shown_parent.value is not None


def test_two_small_siblings_need_no_more():
    children = {1: fig(2.0, 3), 2: fig(4.0, 2), 3: fig(3.0, 9)}
    parent = sum(children.values(), Figure(0, 0, 0))
    _, shown = suppress_siblings(parent, children, MIN)
    assert [k for k, f in shown.items() if f.suppressed] == [1, 2]


def test_an_only_small_child_hides_the_parent_figure_when_it_would_equal_it():
    children = {1: fig(2.0, 3)}
    parent = fig(2.0, 8)  # 5 more people sit directly in the parent
    shown_parent, _ = suppress_siblings(parent, children, MIN)
    assert shown_parent.value is not None  # residual 5 people, not the child's 3
    only = {1: fig(2.0, 3), 2: fig(3.0, 6)}
    parent = sum(only.values(), Figure(0, 0, 0))
    _, shown = suppress_siblings(parent, only, MIN)
    assert shown[1].suppressed and shown[2].suppressed


def test_no_subtraction_reveals_a_suppressed_child():
    """Brute force over crafted trees: for every suppressed child, the shown
    figures (parent total and shown siblings) never pin its value down."""
    cases = [
        {1: fig(1.0, 1), 2: fig(5.0, 5), 3: fig(3.0, 7)},
        {1: fig(2.0, 4), 2: fig(4.0, 4), 3: fig(3.0, 10), 4: fig(1.5, 6)},
        {1: fig(2.0, 2), 2: fig(4.0, 30)},
        {1: fig(2.5, 4)},
    ]
    for children in cases:
        parent = sum(children.values(), Figure(0, 0, 0))
        shown_parent, shown = suppress_siblings(parent, children, MIN)
        hidden = [k for k, f in shown.items() if f.suppressed]
        if shown_parent.value is None:
            continue
        visible_total = sum(f.total for f in shown.values() if not f.suppressed)
        visible_people = sum(f.people for f in shown.values() if not f.suppressed)
        residual = (parent.total - visible_total, parent.people - visible_people)
        for key in hidden:
            assert residual != (children[key].total, children[key].people), (children, key)
        assert len(hidden) != 1
