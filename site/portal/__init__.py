"""The static site: a Flask app frozen into build/site/<lang>/… by Frozen-Flask."""
