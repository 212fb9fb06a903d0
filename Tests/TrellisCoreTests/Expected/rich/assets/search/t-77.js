TRELLIS_SEARCH.shard("w",{"terms":"week\nwere\nwhat\nwho\nwith\nwrite","docs":["3","6111","A","6111","02131111","38"],"titles":["","","","","",""]});
