"""Goals, a goal's plan and its contributions read through both front ends are one document."""

from __future__ import annotations

from tests.contract.conftest import BothEnds


def test_goals_and_a_goal_shown_agree(both: BothEnds) -> None:
    both.cli.ok("goal", "add", "Bike", "1000", "--by", "2099-06-30")
    both.cli.ok("goal", "add", "Holidays", "600")
    both.cli.ok("goal", "contribute", "Bike", "300", "--note", "first")
    both.cli.ok("goal", "withdraw", "Bike", "50")

    goals = both.cli_json("goal", "list")
    assert [g["name"] for g in goals] == ["Bike", "Holidays"]
    assert goals == both.api_json("goals")["items"]
    bike = goals[0]
    assert both.api_json(f"goals/{bike['id']}") == bike

    shown = both.cli_json("goal", "show", "Bike")
    assert shown["goal"] == bike
    assert shown["plan"]
    assert [c["amount"] for c in shown["history"]] == ["300.00", "-50.00"]
    assert shown == both.api_json(f"goals/{bike['id']}/plan")
    assert shown["history"] == both.api_json(f"goals/{bike['id']}/contributions")["items"]
