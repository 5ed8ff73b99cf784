"""The floor benchmark (benchmarks/floor.py) measures a job of the project's exact shape."""

from __future__ import annotations

import dagster as dg

from benchmarks.floor import stand_ins
from etl.assets import batch_range
from etl.definitions import defs


def shape(assets: list[dg.AssetsDefinition]) -> dict:
    """Each asset's key with its dependencies and partitions, and every check's key."""
    specs = {spec.key: spec for assets_def in assets for spec in assets_def.specs}
    checks = {key for assets_def in assets for key in assets_def.check_keys}
    partitions = {key: a.partitions_def for a in assets for key in a.keys}
    return {
        "assets": {
            key: (sorted(dep.asset_key for dep in spec.deps), partitions[key])
            for key, spec in specs.items()
        },
        "checks": checks,
    }


def test_stand_ins_have_the_assets_dependencies_partitions_and_checks_of_the_project():
    real = [a for a in defs.resolve_asset_graph().assets_defs if a.is_executable]
    assert shape(stand_ins(with_checks=True)) == shape(real)
    assert shape(stand_ins(with_checks=False))["checks"] == set()


def test_a_stand_in_run_reports_every_check_passed_and_reads_nothing():
    assets = stand_ins(with_checks=True)
    result = dg.materialize(assets, instance=dg.DagsterInstance.ephemeral(), tags=batch_range([0]))
    evaluations = result.get_asset_check_evaluations()
    assert result.success
    assert {e.asset_check_key for e in evaluations} == shape(assets)["checks"]
    assert all(e.passed for e in evaluations)
