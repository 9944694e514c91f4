"""Cases handled as one: group complaints (群體性投訴) at a store, product incidents across stores."""
