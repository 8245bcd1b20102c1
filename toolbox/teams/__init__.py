"""Ledningsgruppsdialog and förvaltningsledningens uppföljning (issue 20): /ledningsgrupp."""
