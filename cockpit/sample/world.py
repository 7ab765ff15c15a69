"""The whole sample drawn from one seed: paces, projects, parcels, nodes, indicators and targets.

Each part draws from its own child generator, so changing one part leaves the others' draws unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from cockpit.sample import coordination, indicators, land, nodes, profiles, projects, targets

PARCELS_PER_PROJECT = 800 / 1500


@dataclass(frozen=True)
class World:
    paces: dict[str, float]
    projects: pl.DataFrame  # project lives (eventual dates)
    parcels: pl.DataFrame
    nodes: pl.DataFrame
    indicators: pl.DataFrame  # every month of 2019–2020
    targets: dict[int, dict[str, dict[str, float]]]
    cases: coordination.Cases = field(default_factory=coordination.Cases)  # 统筹 cases (issue 19 §4)

    def tables(self, month: str) -> dict[str, pl.DataFrame]:
        """The four monthly tables as reported for `month`, in the stored schema."""
        return {
            "projects": coordination.projects(projects.snapshot(self.projects, month), month, self.cases),
            "land": land.snapshot(self.parcels, month),
            "nodes": coordination.nodes(nodes.snapshot(self.nodes, month), month, self.cases),
            "indicators": indicators.snapshot(self.indicators, month),
        }


def build(seed: int, project_count: int) -> World:
    pace_rng, project_rng, land_rng, plan_rng, indicator_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5))
    paces = profiles.unit_paces(pace_rng)
    lives = projects.draw(project_count, paces, project_rng)
    life = projects.life_frame(lives)
    parcels = land.draw(life, int(round(project_count * PARCELS_PER_PROJECT)), land_rng)
    plan = targets.plan(plan_rng)
    return World(paces, life, parcels, nodes.draw(lives), indicators.draw(indicator_rng, plan, paces), plan,
                 coordination.plan(life, parcels))
