"""What the site build and the public function render alike: templates, labels, the form model."""
