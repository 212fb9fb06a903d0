TRELLIS_SEARCH.shard("t",{"terms":"teachers\nthe\ntheir\nthey\nthis\nthree\ntime\ntools\ntrellis\ntwo","docs":["03","03","3","21","4","1","3","0","4","2"],"titles":["","","","","","","","","",""]});
