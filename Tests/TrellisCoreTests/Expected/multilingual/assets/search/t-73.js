TRELLIS_SEARCH.shard("s",{"terms":"several\nshared\nshort\nshows\nsite\nspain\nstarts\nstep\nstudent","docs":["4","2","0","4","4","2","0","21","0"],"titles":["","2","","","","","","",""]});
