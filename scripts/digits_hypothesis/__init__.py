"""Shared logic of the digits-hypothesis workflow.

Modules are kept import-light on purpose: ``study`` and ``stats`` need no
scikit-learn or matplotlib, so the Snakefile and the aggregate steps stay cheap.
"""
