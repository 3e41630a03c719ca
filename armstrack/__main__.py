"""``python -m armstrack`` runs the command line."""

from armstrack.cli import main

main()
