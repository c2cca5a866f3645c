#!/usr/bin/env python
from secretariat.cli import main

if __name__ == "__main__":
    main()
