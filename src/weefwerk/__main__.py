import sys

from weefwerk.cli import main

sys.exit(main())
