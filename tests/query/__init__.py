"""Tests of armstrack.query; ``query.fixtures`` holds the small store they share."""
