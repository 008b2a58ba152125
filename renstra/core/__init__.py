"""Pure-Python domain logic: no Django import here.

Value parsing (Indonesian numbers, targets), formatting, and later the achievement formulas and
predicate thresholds. The most tested code of the project.
"""
