"""Entry point of the frozen command line."""

import sys

from xzbrief.cli.main import main

sys.exit(main())
