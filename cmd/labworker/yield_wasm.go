//go:build js && wasm

package main

import (
	"context"
	"syscall/js"
	"time"
)

// yieldEvery is how long a run computes before it lets the worker read its
// messages. Go's WebAssembly has one thread: a message asking for a new run
// is only delivered once the running one gives the JavaScript event loop a
// turn, so a run that never yielded could not be cancelled.
const yieldEvery = 20 * time.Millisecond

// yieldingContext is a run's context: every check of Err (a simulation
// makes one per training step) yields to the event loop once yieldEvery has
// passed since the last turn, and only then says whether the run was
// cancelled.
type yieldingContext struct {
	context.Context
	lastTurn *time.Time
}

func newYieldingContext(ctx context.Context) yieldingContext {
	now := time.Now()
	return yieldingContext{Context: ctx, lastTurn: &now}
}

func (c yieldingContext) Err() error {
	if time.Since(*c.lastTurn) >= yieldEvery {
		giveTheEventLoopATurn()
		*c.lastTurn = time.Now()
	}
	return c.Context.Err()
}

// giveTheEventLoopATurn waits for a message posted to itself: while this
// goroutine waits, Go hands the thread back to JavaScript, which delivers
// what came before it. A MessageChannel, unlike setTimeout, is not held
// back to 4 ms once calls nest.
func giveTheEventLoopATurn() {
	done := make(chan struct{})
	var arrived js.Func
	arrived = js.FuncOf(func(js.Value, []js.Value) any {
		arrived.Release()
		close(done)
		return nil
	})
	channel := js.Global().Get("MessageChannel").New()
	channel.Get("port1").Set("onmessage", arrived)
	channel.Get("port2").Call("postMessage", nil)
	<-done
	channel.Get("port1").Call("close")
}
