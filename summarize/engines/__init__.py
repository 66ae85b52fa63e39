"""Seq2seq models behind one small interface.

The model catalog, the hub client, the shared batching core, two thin backends (torch and
CTranslate2), and the choice between them (``choose``). torch, transformers and ctranslate2 are imported lazily, inside these modules only.
"""
