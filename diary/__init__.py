# ReportLab validates every attribute set on a chart shape against its type
# (rl_config.shapeChecking): 34,900 checks and about 15 % of a nurse's record
# page (docs/performance.md). The charts' output is checked shape by shape by
# tests/pdf/test_web_chart_svg.py instead. ReportLab reads the setting when
# reportlab.graphics.shapes is first imported, so it is set here, before any
# diary module imports it (nothing outside diary imports ReportLab).
from reportlab import rl_config

rl_config.shapeChecking = 0
