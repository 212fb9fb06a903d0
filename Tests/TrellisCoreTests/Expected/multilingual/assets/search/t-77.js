TRELLIS_SEARCH.shard("w",{"terms":"week\nweekly\nwere\nwhich\nwho\nwith\nwriting","docs":["3","21","21","0","21","03","2"],"titles":["","","","","","",""]});
