package publish

import (
	"encoding/json"
	"strconv"
	"strings"
)

// metaError is the Graph API's error body, shared by Facebook and Threads.
type metaError struct {
	Error struct {
		Message     string `json:"message"`
		Type        string `json:"type"`
		Code        int    `json:"code"`
		Subcode     int    `json:"error_subcode"`
		IsTransient bool   `json:"is_transient"`
		UserMsg     string `json:"error_user_msg"`
	} `json:"error"`
}

// metaThrottled reports the Graph API's throttling codes: 4 (app), 17
// (user), 32 (page), 613 (call rate), 80000–80014 (business use case).
func metaThrottled(code int) bool {
	return code == 4 || code == 17 || code == 32 || code == 613 || code >= 80000 && code <= 80014
}

// metaClassify sorts a Graph API error. Code 190 (and 102) is an invalid
// or expired token; 506, and 368 with "already posted", are duplicates;
// 368 with subcode 1390008 is "posting too fast"; throttling codes are not
// sent; a 5xx on a create is ambiguous (Facebook's code 2 "unexpected
// error" has been answered for posts it made).
func metaClassify(status int, body []byte, create bool) (o Outcome, reauth bool, code, msg string) {
	var me metaError
	_ = json.Unmarshal(body, &me)
	e := me.Error
	msg = e.Message
	if e.UserMsg != "" && e.UserMsg != e.Message {
		msg += " — " + e.UserMsg
	}
	if e.Code != 0 {
		code = strconv.Itoa(e.Code)
		if e.Subcode != 0 {
			code += "/" + strconv.Itoa(e.Subcode)
		}
	}
	o, reauth = byStatus(status, create)
	switch {
	case status >= 500 && create:
		o = Ambiguous
	case e.Code == 190 || e.Code == 102:
		o, reauth = Rejected, true
	case metaThrottled(e.Code):
		o = NotSent
	case e.Code == 506:
		o = Duplicate
	case e.Code == 368 && e.Subcode == 1390008:
		o = NotSent
	case e.Code == 368 && strings.Contains(strings.ToLower(e.Message), "already posted"):
		o = Duplicate
	case e.Code == 24 && e.Subcode == 4279009:
		// Threads: publish before the container is FINISHED.
		o = NotSent
	case status >= 500:
		o = NotSent
	}
	return o, reauth, code, msg
}
