"""The sandbox: bubblewrap + cgroups + rlimits around one compile or run step.

Private to ``coderoom.execution``: other domains go through ``execution.service``.
"""
