"""URLs of the followup part of planning: `scoped` under a trajectory, `public` without login."""

scoped = []
public = []
