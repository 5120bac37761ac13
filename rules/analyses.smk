# The five extra analyses (issue 8) will live here. Until then: nothing to add to the report.
ANALYSIS_REPORT = (
    {}
)  # analysis name -> {key: path or list of paths} that the report reads
ANALYSIS_REPORT_FILES = (
    []
)  # the same paths, flat, as inputs of the report and of `rule all`
