"""Entry point of the frozen desktop app."""

import sys

from xzbrief.gui.app import main

sys.exit(main())
