"""The adversarial harness of issue 13 ("reliability tried as an adversary would").

- :mod:`tests.adversary.corpus`: a seeded generator of hostile inputs made from a few clean
  clips built on the spot with ffmpeg, each item knowing what a correct outcome is;
- :mod:`tests.adversary.boxes`: reading and editing ISO BMFF boxes, for crafted MP4 damage;
- :mod:`tests.adversary.oracle`: what ``forensics analyze`` must have done with an item (exit
  code, one stderr line, no leftovers, no forged or missed finding, inert HTML, reports that
  verify, a case index that stays consistent);
- :mod:`tests.adversary.crash`: SIGKILL at named moments, concurrent runs and a full disk.

``tests/test_fuzz.py`` runs a small seeded sample; ``benchmarks/adversarial.py`` a larger pass.
The harness reads the tool only through its command line, its files and its case index, so it
judges the tool rather than restating it.
"""
