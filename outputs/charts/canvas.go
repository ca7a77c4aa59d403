package charts

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"git.sr.ht/~sbinet/gg"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// canvas is the vg.Canvas every chart is drawn on: vgimg's, drawing in
// place on an image from a pool, with upright text drawn straight onto the
// image. It exists for speed, and draws the same picture:
//
//   - vgimg.NewWith allocates a 1600x900 image and gg.NewContextForImage
//     copies it into a second one, for every chart; here gg draws on the
//     pooled image itself (gg.NewContextForRGBA makes no copy).
//   - gg draws every glyph by resampling its mask through a bilinear kernel
//     with the current transform, even when that transform only moves it by
//     whole pixels, which is every string but the rotated y-axis label. An
//     upright string is drawn here as gg draws it (the same glyph masks from
//     the same face at the same sub-pixel positions, the same kerning) and
//     composited with image/draw instead, which is several times faster.
//     Composited values can differ from gg's by a rounding step (1 in 255).
//
// Rotated, translated or scaled text, and everything that is not text,
// still goes through vgimg.
type canvas struct {
	*vgimg.Canvas
	img    *image.RGBA
	height float64     // the image height in dots: vg's y runs up, the image's down
	stack  []textState // the top is the current state; Push and Pop as vgimg's
	faces  map[faceKey]xfont.Face
}

// textState is what FillString needs to know of the canvas state.
type textState struct {
	colour  color.Color
	upright bool // no rotation, translation or scale in effect
}

type faceKey struct {
	font *opentype.Font
	size vg.Length
}

// images holds chart-sized images between charts: each is 5.76 MB that
// would otherwise be allocated and cleared per chart.
var images = sync.Pool{New: func() any { return (*image.RGBA)(nil) }}

// newCanvas is a white canvas of the given size in pixels at DPI. Release
// it once its image is encoded.
func newCanvas(widthPx, heightPx int) *canvas {
	img, _ := images.Get().(*image.RGBA)
	if img == nil || img.Rect.Dx() != widthPx || img.Rect.Dy() != heightPx {
		img = image.NewRGBA(image.Rect(0, 0, widthPx, heightPx))
	}
	// As vgimg.NewWith sets up its own context; it fills the image with
	// the background colour (white).
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	vc := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(DPI))
	_, h := vc.Size()
	return &canvas{
		Canvas: vc,
		img:    img,
		height: h.Dots(DPI),
		stack:  []textState{{colour: color.Black, upright: true}},
		faces:  map[faceKey]xfont.Face{},
	}
}

// release gives the canvas's image back to the pool; the canvas and its
// image must not be used after.
func (c *canvas) release() {
	images.Put(c.img)
	c.img, c.Canvas = nil, nil
}

func (c *canvas) top() *textState { return &c.stack[len(c.stack)-1] }

// SetColor is vgimg's, noted for text.
func (c *canvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.top().colour = clr
	c.Canvas.SetColor(clr)
}

// Rotate is vgimg's; text drawn after it goes through vgimg.
func (c *canvas) Rotate(rad float64) {
	if rad != 0 {
		c.top().upright = false
	}
	c.Canvas.Rotate(rad)
}

// Translate is vgimg's; text drawn after it goes through vgimg.
func (c *canvas) Translate(pt vg.Point) {
	if pt != (vg.Point{}) {
		c.top().upright = false
	}
	c.Canvas.Translate(pt)
}

// Scale is vgimg's; text drawn after it goes through vgimg.
func (c *canvas) Scale(x, y float64) {
	if x != 1 || y != 1 {
		c.top().upright = false
	}
	c.Canvas.Scale(x, y)
}

// Push is vgimg's, saving the text state too.
func (c *canvas) Push() {
	c.stack = append(c.stack, *c.top())
	c.Canvas.Push()
}

// Pop is vgimg's, restoring the text state too.
func (c *canvas) Pop() {
	c.stack = c.stack[:len(c.stack)-1]
	c.Canvas.Pop()
}

// FillString draws upright text as gg's DrawString does (vgimg flips y,
// then gg starts the dot at the point rounded to 1/64 pixel, adds kerning
// between runes and skips a rune the face has no glyph for), compositing
// each glyph's mask directly; other text goes to vgimg.
func (c *canvas) FillString(f font.Face, pt vg.Point, s string) {
	st := c.top()
	if !st.upright || f.Font.Size == 0 {
		c.Canvas.FillString(f, pt, s)
		return
	}
	face := c.face(f)
	src := image.NewUniform(st.colour)
	dot := fixed.Point26_6{X: fix(pt.X.Dots(DPI)), Y: fix(c.height - pt.Y.Dots(DPI))}
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, maskp, advance, ok := face.Glyph(dot, r)
		if !ok {
			continue
		}
		draw.DrawMask(c.img, dr, src, image.Point{}, mask, maskp, draw.Over)
		dot.X += advance
		prev = r
	}
}

// face is f at DPI, made once per canvas (vgimg makes one per string).
func (c *canvas) face(f font.Face) xfont.Face {
	k := faceKey{f.Face, f.Font.Size}
	if x, ok := c.faces[k]; ok {
		return x
	}
	x := f.FontFace(DPI)
	c.faces[k] = x
	return x
}

// fix is gg's conversion of a pixel position to 26.6 fixed point.
func fix(x float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(x * 64)) }
