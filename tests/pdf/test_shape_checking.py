"""ReportLab's per-attribute checks are off (diary/__init__.py): they were a
large part of every page with a chart."""

from reportlab.graphics import shapes


def test_chart_shapes_are_built_without_reportlabs_attribute_checks():
    line = shapes.Line(0, 0, 1, 1)
    # With checking on, ReportLab refuses an attribute a Line does not have.
    line.not_a_line_attribute = 1
    assert line.not_a_line_attribute == 1
