"""Plugin entry point: the Pulumi engine runs ``python <this directory> <engine address>``.

The package's source is the parent directory (this plugin ships inside the repository), so it
is put first on ``sys.path``; ``requirements.txt`` installs the package's dependencies only.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_sagemaker_hosting.provider.__main__ import main

if __name__ == "__main__":
    main()
