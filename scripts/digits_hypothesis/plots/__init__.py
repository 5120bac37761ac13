"""The figures, apart from the statistics they show: ``style`` (the one style every figure
shares), ``splits`` (the figures drawn once per split, and the other digit pictures: plain
matplotlib) and one module per figure of the study as a whole (seaborn): ``study``
(accuracy and confusion per case) and one per analysis, named as the analysis."""
