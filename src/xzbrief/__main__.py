"""`python -m xzbrief` runs the command-line interface."""

import sys

from xzbrief.cli.main import main

sys.exit(main())
