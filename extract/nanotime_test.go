package extract

import "time"

var benchStart = time.Now()

func nanotime() int64 { return int64(time.Since(benchStart)) }
