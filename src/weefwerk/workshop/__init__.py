"""Live sessions: assignments on agenda items, notes from phones, the live wall, clusters,
dot voting, photos of flip-overs, and the session's results."""
