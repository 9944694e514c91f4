"""Closeloop deployment material: container, compose, Kubernetes and the tools that check them."""
