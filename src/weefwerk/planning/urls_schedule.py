"""URLs of the schedule part of planning: `scoped` under a trajectory, `public` without login."""

scoped = []
public = []
