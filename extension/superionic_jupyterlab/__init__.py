"""superionic-jupyterlab: the prebuilt JupyterLab 4 extension of superionic (MIME renderers only).

The renderers are data files: pip puts them in <prefix>/share/jupyter/labextensions/superionic-jupyterlab/,
where JupyterLab 4 finds them. There is no Python code to run.
"""

__version__ = "0.1.0"
