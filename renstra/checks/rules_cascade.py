"""Cascade rules: every program serves an objective, every objective has programs, strategies
have policy directions, and the plan refers to the RPJMD."""

from renstra.checks.engine import Location, Severity, label, rule


@rule("program_without_objective", Severity.WARNING, "Program tidak terkait sasaran mana pun")
def program_without_objective(snapshot):
    if not snapshot.objectives:
        return  # a table without sasaran (objective_without_program cannot apply either)
    for program in snapshot.programs:
        if not program.objective_list:
            yield (
                Location(
                    "5.1", "program", program.pk, program.code or program.number, program.name
                ),
                "Program {} tidak dikaitkan dengan sasaran mana pun (Tabel 5.1). Tentukan sasaran yang "
                "didukungnya.".format(label(program)),
                {},
            )


@rule("objective_without_program", Severity.WARNING, "Sasaran tanpa program")
def objective_without_program(snapshot):
    if not snapshot.programs:
        return
    served = {o.pk for p in snapshot.programs for o in p.objective_list}
    for objective in snapshot.objectives:
        if objective.pk not in served:
            yield (
                Location("5.1", "sasaran", objective.pk, objective.number, objective.name),
                "Sasaran '{}' tidak didukung program mana pun.".format(objective.name),
                {},
            )


@rule("objective_without_strategy", Severity.SUGGESTION, "Sasaran tanpa strategi")
def objective_without_strategy(snapshot):
    if not snapshot.strategies:
        return  # tables such as T-C.27 do not carry strategies at all
    for objective in snapshot.objectives:
        if not objective.strategy_list:
            yield (
                Location("5.1", "sasaran", objective.pk, objective.number, objective.name),
                "Sasaran '{}' tidak punya strategi (Tabel 5.1).".format(objective.name),
                {},
            )


@rule("strategy_without_policy_direction", Severity.WARNING, "Strategi tanpa arah kebijakan")
def strategy_without_policy_direction(snapshot):
    for strategy in snapshot.strategies:
        if not strategy.policy_direction_list:
            yield (
                Location("5.1", "strategi", strategy.pk, strategy.number, strategy.name),
                "Strategi '{}' tidak punya arah kebijakan (Tabel 5.1).".format(strategy.name),
                {},
            )
