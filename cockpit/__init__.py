"""嘉兴市产业项目“双进双产” analytics: the logic that pages share."""
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
