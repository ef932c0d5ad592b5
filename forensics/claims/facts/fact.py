"""What extraction returns: a :class:`Fact` tied to its span of the source, and a claim
file's facts as :class:`ClaimFacts` (records, defined with the other claim records in
:mod:`forensics.records.claims`); ``KINDS`` lists the kinds of fact.

Kept on its own so that every layer's module can build facts without importing another layer.
"""

from forensics.records.claims import KINDS, ClaimFacts, Fact

__all__ = ["KINDS", "ClaimFacts", "Fact"]
