"""Generate, render and validate the Kubernetes manifests in deploy/k8s, offline."""
