"""The plan and its cascade: region, agency, plan version, goal ... activity, indicator, target, funding."""
