"""`python -m newstide` runs the command line."""

from newstide.cli import main

main()
