TRELLIS_SEARCH.shard("w",{"terms":"week\nwere\nwhat\nwho\nwith","docs":["3","3","4","3","021"],"titles":["","","","",""]});
