package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// progress draws a bar on a terminal while a large file is read; it
// stays silent when standard error is not a terminal (a pipe, a test).
type progress struct {
	out   io.Writer
	total int64
	read  atomic.Int64
	stop  chan struct{}
	dead  chan struct{}
	start time.Time
}

// progressMin is the size below which a file is read too fast for a bar.
const progressMin = 4 << 20

func newProgress(env *Env, f *os.File) *progress {
	tty, ok := env.Stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := tty.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Size() < progressMin {
		return nil
	}
	p := &progress{out: tty, total: info.Size(), stop: make(chan struct{}), dead: make(chan struct{}), start: time.Now()}
	go p.loop()
	return p
}

func (p *progress) wrap(r io.Reader) io.Reader { return &progressReader{r: r, p: p} }

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.read.Add(int64(n))
	return n, err
}

func (p *progress) loop() {
	defer close(p.dead)
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			p.draw()
			fmt.Fprintln(p.out)
			return
		case <-t.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	const width = 30
	read := p.read.Load()
	frac := float64(read) / float64(p.total)
	if frac > 1 {
		frac = 1
	}
	n := int(frac * width)
	rate := float64(read) / time.Since(p.start).Seconds() / (1 << 20)
	fmt.Fprintf(p.out, "\r[%s%s] %3.0f%%  %.1f Mo/s ", strings.Repeat("█", n), strings.Repeat("·", width-n), frac*100, rate)
}

func (p *progress) done() {
	close(p.stop)
	<-p.dead
}
