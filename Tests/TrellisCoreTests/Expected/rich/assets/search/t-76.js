TRELLIS_SEARCH.shard("v",{"terms":"vet\nvideo\nvisit","docs":["6111","018","B"],"titles":["","",""]});
