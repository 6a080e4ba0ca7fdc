// Placeholder until the screen is built.
export default function SettingsScreen() {
  return <h1>SettingsScreen</h1>;
}
