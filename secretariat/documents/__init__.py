"""Labelled documents: the tree every builder assembles, its projection for a reader, the stock
sentences that stand in for what a reader may not see, and the renderers' shared parts."""
