package weaktostrong

// Fact is something the paper or its released code reports, for the page to
// show beside the toy. Cite is a key of the project's references.
type Fact struct {
	Value string `json:"value"` // the finding, as the page shows it
	About string `json:"about"` // what was measured
	Cite  string `json:"cite"`
	Where string `json:"where"` // where in the source it was read
}

// Reported lists what was read in the paper itself and in
// openai/weak-to-strong. Only the abstract of the paper could be read; the
// median PGRs of its body are left out until they can be read there.
func Reported() []Fact {
	return []Fact{
		{
			Value: "better than their weak supervisors, and still far from their full capabilities",
			About: "Strong pretrained models of the GPT-4 family naively finetuned on a weak model's labels, on NLP, chess and reward modeling tasks",
			Cite:  "burns2023weak", Where: "Abstract",
		},
		{
			Value: "close to GPT-3.5-level performance",
			About: "GPT-4 finetuned with a GPT-2-level supervisor and the auxiliary confidence loss, on NLP tasks",
			Cite:  "burns2023weak", Where: "Abstract",
		},
		{
			Value: "60.7% top-1, where the supervisor had 56.6% and the ceiling 63.7% (PGR about 0.58, computed from these)",
			About: "ImageNet: a linear probe on DINO ResNet-50 features trained on AlexNet's labels, with the released code",
			Cite:  "openai2023w2scode", Where: "vision/README.md, table of results",
		},
		{
			Value: "64.2% top-1, where the supervisor had 56.6% and the ceiling 74.9% (PGR about 0.42, computed from these)",
			About: "The same with DINO ViT-B/8 features",
			Cite:  "openai2023w2scode", Where: "vision/README.md, table of results",
		},
		{
			Value: "weight 0.5 on the student's own hardened predictions, reached after the first 10% of training",
			About: "The confidence loss's defaults in the released code, which this lab's α and warm-up follow",
			Cite:  "openai2023w2scode", Where: "weak_to_strong/loss.py, logconf_loss_fn",
		},
	}
}
