"""URLs of the calendars part of planning: `scoped` under a trajectory, `public` without login."""

scoped = []
public = []
