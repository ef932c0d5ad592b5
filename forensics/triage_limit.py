"""How many clips ``ingest --analyze`` triages by default: on its own so that the command
line's help can name it without importing the triage pipeline (numpy, OpenCV, FAISS)."""

# ``ingest --analyze`` triages a collection of more clips than this, unless told --full: a
# first pass over a thousand clips in minutes, then full analyses of the ones that matter.
TRIAGE_ABOVE = 50
