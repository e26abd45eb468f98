package topology

// IndexPath names the i-th element of a list by its index: "pools[3]". Package topofile
// names elements with it as it records positions.
func IndexPath(list string, i int) string { return indexPath(list, i) }

// UsableKey reports whether a name can appear between brackets in a model path (see
// usableKey); package topofile uses it to name list elements by their key.
func UsableKey(key string) bool { return usableKey(key) }
