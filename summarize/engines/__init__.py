"""Seq2seq models behind one small interface.

The model catalog, the hub client, the shared batching core, and two thin backends (torch and
CTranslate2). torch, transformers and ctranslate2 are imported lazily, inside these modules only.
"""
